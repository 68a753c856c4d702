import json, numpy as np, krippendorff
from statsmodels.stats.inter_rater import fleiss_kappa, cohens_kappa
nan=np.nan
K=[[1,2,3,3,2,1,4,1,2,nan,nan,nan],[1,2,3,3,2,2,4,1,2,5,nan,3],[nan,3,3,3,2,3,4,2,2,5,1,nan],[1,2,3,3,2,4,4,1,2,5,1,nan]]
out={}
for m in ["nominal","ordinal","interval","ratio"]:
    out["k2011_"+m]=krippendorff.alpha(reliability_data=K, level_of_measurement=m)
out["binary"]=krippendorff.alpha(reliability_data=[[0,1,0,0,0,0,0,0,1,0],[1,1,1,0,0,1,0,0,0,0]],level_of_measurement="nominal")
a="a a b b d c c c e d d a".split(); b="b a b b b c c c e d d d".split()
m={"a":1,"b":2,"c":3,"d":4,"e":5}
out["two_nominal"]=krippendorff.alpha(reliability_data=[[m[x] for x in a],[m[x] for x in b]],level_of_measurement="nominal")
F=np.array([[0,0,0,0,14],[0,2,6,4,2],[0,0,3,5,6],[0,3,9,2,0],[2,2,8,1,1],[7,7,0,0,0],[3,2,6,3,0],[2,5,3,2,2],[6,5,2,1,0],[0,2,2,3,7]])
out["fleiss_wiki"]=fleiss_kappa(F)
out["cohen_wiki"]=cohens_kappa(np.array([[20,5],[10,15]])).kappa
out["cohen_3cat"]=cohens_kappa(np.array([[44,5,1],[7,20,3],[9,5,6]])).kappa
# random fixtures
rng=np.random.default_rng(7)
fx=[]
for i in range(5):
    c=rng.integers(2,6); n=rng.integers(5,25); k=rng.integers(2,5)
    d=rng.integers(0,k,size=(c,n)).astype(float)
    d[rng.random((c,n))<0.2]=nan
    # ensure at least some pairable
    fx.append({"data":[[None if np.isnan(x) else int(x) for x in row] for row in d],"alpha_nominal":krippendorff.alpha(reliability_data=d,level_of_measurement="nominal"),"alpha_interval":krippendorff.alpha(reliability_data=d,level_of_measurement="interval")})
out["random_alpha"]=fx
fk=[]
for i in range(4):
    N=rng.integers(5,20); n=rng.integers(3,7); k=rng.integers(2,5)
    M=np.zeros((N,k),dtype=int)
    for r in range(N):
        for j in rng.integers(0,k,size=n): M[r,j]+=1
    fk.append({"counts":M.tolist(),"kappa":fleiss_kappa(M)})
out["random_fleiss"]=fk
ck=[]
for i in range(4):
    k=rng.integers(2,5); T=rng.integers(0,20,size=(k,k))
    ck.append({"table":T.tolist(),"kappa":cohens_kappa(T).kappa})
out["random_cohen"]=ck
print(json.dumps(out,indent=1))
